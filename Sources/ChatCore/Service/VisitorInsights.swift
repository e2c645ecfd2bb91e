/// A visitor with what their connection tells about them.
public struct VisitorDetails: Sendable, Equatable {
    public var visitor: Visitor
    public var device: DeviceInfo
    public var geo: GeoInfo?
}

/// Derives device and location from what a visitor's connection sent. Both readers are
/// optional: without their data sets the details are simply unknown.
public struct VisitorInsights: Sendable {
    private let userAgents: (any UserAgentParsing)?
    private let locations: (any GeoLocating)?

    public init(userAgents: (any UserAgentParsing)?, locations: (any GeoLocating)?) {
        self.userAgents = userAgents
        self.locations = locations
    }

    public func details(of visitor: Visitor) -> VisitorDetails {
        VisitorDetails(
            visitor: visitor,
            device: visitor.profile.userAgent.flatMap { userAgents?.device(from: $0) } ?? DeviceInfo(),
            geo: visitor.profile.ipAddress.flatMap { locations?.locate($0) }
        )
    }
}
