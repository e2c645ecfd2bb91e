import Foundation

/// Writes a line to standard output at once, unbuffered, so that it appears in order with
/// the log even when output goes to a file or a pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
