import Foundation

/// The browser faces (the agents' console and the visitors' widget): HTML, CSS and JavaScript
/// modules shipped in this module's resources and served as they are, without a build step.
public enum WebAssets {
    /// The folder holding `console/`, `widget/`, `shared/`, `locales/` and `widget.js`.
    public static var bundledRoot: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("web", isDirectory: true)
    }
}
