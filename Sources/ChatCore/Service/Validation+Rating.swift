import Foundation

extension Validate {
    /// The longest rating comment, in characters and in UTF-8 bytes.
    static let maxRatingCommentLength = 1000
    static let maxRatingCommentBytes = 4000

    /// A score of 1 to 5, and a comment within both limits without U+0000; a blank comment is none.
    static func rating(score: Int, comment: String?) throws -> ChatRating {
        guard ChatRating.scores.contains(score) else {
            throw ChatError.invalidField(field: .ratingScore, reason: "must be a whole number from 1 to 5")
        }
        guard let comment, !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return ChatRating(score: score, comment: nil)
        }
        guard comment.utf8.count <= maxRatingCommentBytes else {
            throw ChatError.messageTooLarge(field: .ratingComment, byteLimit: maxRatingCommentBytes)
        }
        guard comment.count <= maxRatingCommentLength else {
            throw ChatError.messageTooLong(field: .ratingComment, limit: maxRatingCommentLength)
        }
        try refuseNull(comment, field: .ratingComment)
        return ChatRating(score: score, comment: comment)
    }
}
