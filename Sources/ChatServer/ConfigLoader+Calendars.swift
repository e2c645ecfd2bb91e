import ChatHTTP

extension ConfigLoader {
    /// Business calendar files: `PARLEY_CALENDARS_DIR` (default `<data dir>/calendars`) and how
    /// often they are checked for changes.
    func loadCalendars(into config: inout AppConfig, dataDirectory: String) throws {
        let directory = environment["PARLEY_CALENDARS_DIR"] ?? dataDirectory + "/calendars"
        guard !directory.isEmpty else { throw ConfigurationError(description: "PARLEY_CALENDARS_DIR: must not be empty") }
        config.calendars.directory = directory
        if let seconds = try integer("PARLEY_CALENDAR_RELOAD_SECONDS", in: 1...3600) {
            config.calendars.reloadInterval = .seconds(seconds)
        }
    }
}
