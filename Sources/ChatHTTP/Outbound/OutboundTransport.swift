import ChatCore

/// Sends each delivery the way its target takes it: HTTP for channels and webhooks, SMTP for email.
struct OutboundTransport: DeliveryTransport {
    let http: HTTPDeliveryTransport
    let mail: SMTPDeliveryTransport

    func send(_ delivery: Delivery, to target: DeliveryTarget) async -> DeliveryOutcome {
        switch target {
        case .email(let address): return await mail.send(delivery, to: address)
        case .channel, .webhook: return await http.send(delivery, to: target)
        }
    }
}
