/// Caps how many scratch PostgreSQL databases exist at once. Swift Testing starts every test
/// together, and each PostgreSQL test opens a pool and a bus connection: without a cap they
/// exhaust the server's connections (100 by default) and fail for want of one.
actor DatabaseSlots {
    static let postgres = DatabaseSlots(count: 8)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = count
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
