import Foundation
import Synchronization

/// One token bucket per key: a key may spend `burst` tokens at once, and earns them back at
/// `perMinute`. In memory: each instance limits on its own, which is enough to keep one
/// client from flooding it. A bucket that has filled up again is the same as no bucket, so
/// idle keys are dropped and memory stays in proportion to the keys active in the last
/// refill time.
final class TokenBuckets<Key: Hashable & Sendable>: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private struct State {
        var buckets: [Key: Bucket] = [:]
        /// Past this many buckets, idle ones are dropped; doubling it after each sweep keeps
        /// sweeps rare when most keys are busy.
        var sweepAt: Int
    }

    private let burst: Double
    private let perSecond: Double
    private let minimumSweep: Int
    private let state: Mutex<State>

    init(perMinute: Int, burst: Int, sweepAt: Int = 1024) {
        self.burst = Double(max(1, burst))
        self.perSecond = Double(max(1, perMinute)) / 60
        self.minimumSweep = sweepAt
        self.state = Mutex(State(sweepAt: sweepAt))
    }

    /// Spends a token of `key`, or answers how many whole seconds until one is earned.
    func take(_ key: Key, at date: Date) -> Int? {
        state.withLock { state in
            if state.buckets.count >= state.sweepAt {
                state.buckets = state.buckets.filter { !isFull($0.value, at: date) }
                state.sweepAt = max(minimumSweep, state.buckets.count * 2)
            }
            var bucket = state.buckets[key] ?? Bucket(tokens: burst, updated: date)
            bucket.tokens = min(burst, bucket.tokens + max(0, date.timeIntervalSince(bucket.updated)) * perSecond)
            bucket.updated = date
            guard bucket.tokens >= 1 else {
                state.buckets[key] = bucket
                return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
            }
            bucket.tokens -= 1
            state.buckets[key] = bucket
            return nil
        }
    }

    /// How many keys hold a bucket now.
    var count: Int { state.withLock { $0.buckets.count } }

    private func isFull(_ bucket: Bucket, at date: Date) -> Bool {
        bucket.tokens + max(0, date.timeIntervalSince(bucket.updated)) * perSecond >= burst
    }
}
