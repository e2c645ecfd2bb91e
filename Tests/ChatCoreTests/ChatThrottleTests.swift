import Foundation
import Testing

@testable import ChatCore

@Suite("Token buckets and the typing echo")
struct ChatThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func aBucketSpendsItsBurstThenEarnsTokensBackAtItsRate() {
        let buckets = TokenBuckets<String>(perMinute: 6, burst: 2)
        #expect(buckets.take("s", at: Self.start) == nil)
        #expect(buckets.take("s", at: Self.start) == nil)
        #expect(buckets.take("s", at: Self.start) == 10, "one token every 10 seconds")
        #expect(buckets.take("s", at: Self.start.addingTimeInterval(4)) == 6)
        #expect(buckets.take("s", at: Self.start.addingTimeInterval(11)) == nil)
        #expect(buckets.take("other", at: Self.start) == nil, "each key has its own bucket")
    }

    @Test func idleBucketsAreDroppedSoMemoryFollowsTheActiveKeys() {
        // A new key every second; each bucket has refilled a second after its one request.
        let buckets = TokenBuckets<Int>(perMinute: 60, burst: 5, sweepAt: 100)
        for key in 0..<10_000 {
            _ = buckets.take(key, at: Self.start.addingTimeInterval(Double(key)))
        }
        #expect(buckets.count <= 100, "keys idle long enough to refill are dropped: \(buckets.count)")
        // A key still spending keeps its bucket through a sweep: its refusal stands.
        let busy = TokenBuckets<Int>(perMinute: 1, burst: 1, sweepAt: 2)
        _ = busy.take(0, at: Self.start)
        for key in 1...10 {
            _ = busy.take(key, at: Self.start)
        }
        #expect(busy.take(0, at: Self.start) != nil)
    }

    static func notice(_ isTyping: Bool, at seconds: TimeInterval, author: String = "v1") -> TypingNotice {
        TypingNotice(
            chat: ChatAddress(chatID: ChatID("c1"), departmentID: DepartmentID(1), agentID: nil), author: .visitor(VisitorID(author)),
            isTyping: isTyping, at: start.addingTimeInterval(seconds)
        )
    }

    @Test func aRepeatedTypingStateWithinASecondIsNotNews() throws {
        let throttle = ChatThrottle(limits: ChatLimits())
        let session = SessionID("s1")
        #expect(try throttle.admitTyping(Self.notice(true, at: 0), from: session))
        #expect(try !throttle.admitTyping(Self.notice(true, at: 0.5), from: session), "same state, same author, within a second")
        #expect(try throttle.admitTyping(Self.notice(true, at: 0.5, author: "v2"), from: session), "another author")
        #expect(try throttle.admitTyping(Self.notice(false, at: 0.6), from: session), "a change of state")
        #expect(try throttle.admitTyping(Self.notice(false, at: 1.7), from: session), "a second later, a renewal")
    }

    @Test func typingNewsPastTheBucketIsRateLimited() throws {
        var limits = ChatLimits()
        limits.typingBurst = 3
        limits.typingPerMinute = 60
        let throttle = ChatThrottle(limits: limits)
        let session = SessionID("s1")
        for (index, state) in [true, false, true].enumerated() {
            #expect(try throttle.admitTyping(Self.notice(state, at: Double(index) / 10), from: session))
        }
        #expect(throws: ChatError.rateLimited(retryAfter: 1)) {
            try throttle.admitTyping(Self.notice(false, at: 0.3), from: session)
        }
        #expect(try !throttle.admitTyping(Self.notice(true, at: 0.4), from: session), "an echo costs nothing, even when out of tokens")
    }

    @Test func aMessageEndsItsAuthorsTypingSoTheNextNoticeIsNews() throws {
        let throttle = ChatThrottle(limits: ChatLimits())
        let visitor = Principal(session: SessionID("s1"), role: .visitor(VisitorID("v1")))
        #expect(try throttle.admitTyping(Self.notice(true, at: 0), from: visitor.session))
        try throttle.admitMessage(from: visitor, in: ChatID("c1"), at: Self.start.addingTimeInterval(0.2))
        #expect(try throttle.admitTyping(Self.notice(true, at: 0.4), from: visitor.session))
    }

    @Test func textIsCutBetweenCharactersWithinBothLimits() {
        let family = "👨‍👩‍👧"  // one character, 18 bytes
        #expect("abc\(family)def".prefix(characters: 10, bytes: 20) == "abc")
        #expect("abc\(family)def".prefix(characters: 10, bytes: 21) == "abc\(family)")
        #expect("abc\(family)def".prefix(characters: 4, bytes: 100) == "abc\(family)")
        #expect("e\u{301}e\u{301}".prefix(characters: 1, bytes: 100) == "e\u{301}", "a combining mark stays with its letter")
        #expect("x".fits(characters: 1, bytes: 1) && !"é".fits(characters: 1, bytes: 1))
    }
}
