#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// Each connection holds a file descriptor, and the usual soft limit (1,024) lets one client
/// with a thousand idle connections lock everyone else out: the server raises its soft limit
/// to the hard limit the system allows it.
enum OpenFileLimit {
    static func raiseToHardLimit(logger: Logger) {
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else {
            logger.warning("could not read the open-file limit", metadata: ["errno": "\(errno)"])
            return
        }
        let previous = limit.rlim_cur
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            if setrlimit(resource, &limit) != 0 {
                logger.warning("could not raise the open-file limit", metadata: ["soft": "\(previous)", "hard": "\(limit.rlim_max)"])
                return
            }
        }
        logger.notice("open-file limit", metadata: ["soft": "\(limit.rlim_cur)", "was": "\(previous)", "hard": "\(limit.rlim_max)"])
    }
}
