import Foundation

/// Transcripts asked for by email, counted per chat so that one chat cannot flood a mailbox.
public protocol TranscriptStore: Sendable {
    /// When the chat's transcripts asked for since `date` were asked for, oldest first.
    func transcriptRequests(of chat: ChatID, since date: Date) async throws -> [Date]

    /// In one transaction: unless the chat already had `limit` transcripts asked for since
    /// `since`, records one asked for at `date` and stores `delivery` as a pending delivery
    /// due then. Answers false, storing nothing, when the limit is reached.
    func queueTranscript(_ delivery: DeliveryDraft, of chat: ChatID, at date: Date, limit: Int, since: Date) async throws -> Bool
}
