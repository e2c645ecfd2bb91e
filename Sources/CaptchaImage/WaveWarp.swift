import Foundation

/// A gentle sine-wave bend of the whole image, text and noise alike, so that characters
/// have no straight baseline to align on.
struct WaveWarp {
    var verticalAmplitude: Double
    var verticalWavelength: Double
    var verticalPhase: Double
    var horizontalAmplitude: Double
    var horizontalWavelength: Double
    var horizontalPhase: Double

    static func random(using generator: inout some RandomNumberGenerator) -> WaveWarp {
        WaveWarp(
            verticalAmplitude: Double.random(in: 1.5...3.5, using: &generator),
            verticalWavelength: Double.random(in: 60...120, using: &generator),
            verticalPhase: Double.random(in: 0...(2 * .pi), using: &generator),
            horizontalAmplitude: Double.random(in: 0.5...1.5, using: &generator),
            horizontalWavelength: Double.random(in: 25...50, using: &generator),
            horizontalPhase: Double.random(in: 0...(2 * .pi), using: &generator)
        )
    }

    func apply(_ point: Point) -> Point {
        Point(
            x: point.x + horizontalAmplitude * sin(2 * .pi * point.y / horizontalWavelength + horizontalPhase),
            y: point.y + verticalAmplitude * sin(2 * .pi * point.x / verticalWavelength + verticalPhase)
        )
    }
}
