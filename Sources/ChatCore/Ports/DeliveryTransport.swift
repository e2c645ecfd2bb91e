/// Sends one delivery over the wire (HTTP). It never throws: every failure is an outcome.
public protocol DeliveryTransport: Sendable {
    func send(_ delivery: Delivery, to target: DeliveryTarget) async -> DeliveryOutcome
}
