#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Testing

@testable import ChatServer

@Suite("Open-file limit")
struct OpenFileLimitTests {
    @Test func theSoftLimitIsRaisedToTheHardLimit() {
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        // The limit is the whole test process's: it is never lowered here, as other tests hold
        // many connections at once.
        OpenFileLimit.raiseToHardLimit(logger: Logger(label: "parley-test"))
        var limit = rlimit()
        _ = getrlimit(resource, &limit)
        #expect(limit.rlim_cur == limit.rlim_max)
    }
}
