import Foundation

/// A visitor's time zone as agents read it: its offset from GMT at a given moment
/// ("GMT +08:00", "GMT -04:00" in a New York summer), from the IANA name browsers report.
public enum TimeZoneLabel {
    /// The label for `identifier` at `date`, or nil for a name no time zone has.
    public static func label(for identifier: String, at date: Date) -> String? {
        guard identifier.utf8.count <= 64, let zone = TimeZone(identifier: identifier) else { return nil }
        let seconds = zone.secondsFromGMT(for: date)
        let minutes = abs(seconds) / 60
        let sign = seconds < 0 ? "-" : "+"
        return "GMT \(sign)" + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
