import ChatCore
import Foundation
import Hummingbird
import NIOCore

/// Files in chats: `POST /v1/chats/{chatId}/attachments` (multipart, part `file`, optional
/// `clientMessageId`) and `GET /v1/attachments/{attachmentId}`, with the bearer of someone who
/// may see the chat, or with a signed link (`expires`, `signature`) and no bearer.
struct AttachmentsController {
    let chats: ChatService
    let links: AttachmentLinkSigner
    /// The largest file; the body may add `MultipartForm.framingAllowance` for its framing.
    let maxAttachmentBytes: Int
    /// How long a browser may keep a file it fetched (files never change).
    let cacheSeconds: Int

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.post("chats/:chatId/attachments", use: upload)
        router.get("attachments/:attachmentId", use: download)
    }

    @Sendable func upload(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<EventResponse> {
        var request = request
        let principal = try context.requirePrincipal()
        let chatID = ChatID(try context.parameters.required("chatId"))
        // Refused before a byte of the file is read.
        _ = try await chats.chat(chatID, for: principal)
        let boundary = try MultipartForm.boundary(of: request.headers[.contentType])
        let body: ByteBuffer
        do {
            body = try await request.body(limit: maxAttachmentBytes + MultipartForm.framingAllowance)
        } catch let error as APIError where error.status == .contentTooLarge {
            throw ChatError.attachmentTooLarge(limit: maxAttachmentBytes)
        }
        let form = try MultipartForm(body, boundary: boundary)
        guard let file = try form.part(named: "file"), let filename = file.filename else {
            throw MultipartForm.malformed("The form needs a part named 'file' holding the file, with its filename.")
        }
        let clientMessageID = try form.part(named: "clientMessageId").map { String(decoding: $0.body, as: UTF8.self) }
        let sent = try await chats.attach(
            AttachmentUpload(filename: filename, declaredType: file.contentType ?? "", bytes: file.body),
            clientMessageID: clientMessageID, to: chatID, as: principal
        )
        // A retry that found its file already stored answers 200 rather than 201, as messages do.
        return EditedResponse(status: sent.isReplay ? .ok : .created, response: EventResponse(sent.event))
    }

    @Sendable func download(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        let id = AttachmentID(try context.parameters.required("attachmentId"))
        let query = request.uri.queryParameters
        let (attachment, bytes): (Attachment, Data)
        if query["expires"] != nil || query["signature"] != nil {
            // A link that is expired, tampered with or not ours names nothing.
            guard let expires = query["expires"].flatMap({ Int(String($0)) }), let signature = query["signature"].map(String.init),
                  links.isValid(id, expires: expires, signature: signature)
            else { throw ChatError.attachmentNotFound(id) }
            (attachment, bytes) = try await chats.linkedAttachment(id)
        } else {
            (attachment, bytes) = try await chats.attachment(id, for: try context.requirePrincipal())
        }
        let disposition = attachment.isImage ? "inline" : "attachment"
        return Response(
            status: .ok,
            headers: [
                .contentType: attachment.contentType,
                .contentLength: String(bytes.count),
                .xContentTypeOptions: "nosniff",
                // Opened directly, a file runs nothing and loads nothing, whatever it holds.
                .contentSecurityPolicy: "sandbox; default-src 'none'",
                .contentDisposition: "\(disposition); \(HeaderParameters.extendedFilename(attachment.name))",
                .cacheControl: "private, max-age=\(cacheSeconds)",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
