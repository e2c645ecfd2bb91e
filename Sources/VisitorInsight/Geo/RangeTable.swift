/// Sorted, non-overlapping address ranges, each with a place index, searched in O(log n).
/// Three flat arrays rather than an array of structs: half a million ranges stay compact.
struct RangeTable<Address: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    private(set) var starts: [Address] = []
    private var ends: [Address] = []
    private var places: [UInt16] = []

    var count: Int { starts.count }

    /// Adds a range above every range so far, merging it into the last one when they touch
    /// and share a place. Returns false if it is not above the last range.
    mutating func append(_ start: Address, _ end: Address, place: UInt16) -> Bool {
        guard start <= end else { return false }
        if let lastEnd = ends.last {
            guard start > lastEnd else { return false }
            if start == lastEnd &+ 1, places.last == place {
                ends[ends.count - 1] = end
                return true
            }
        }
        starts.append(start)
        ends.append(end)
        places.append(place)
        return true
    }

    /// The place index of the range holding `address`, if any.
    func place(of address: Address) -> UInt16? {
        // The first range starting above the address; the one before it is the candidate.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0, address <= ends[low - 1] else { return nil }
        return places[low - 1]
    }
}
