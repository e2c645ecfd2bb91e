import ChatCore
import Foundation

/// The countries that range files name, each described once: a range stores only an index.
struct PlaceCatalog: Sendable {
    private(set) var places: [GeoInfo] = []
    /// Index into `places` by the code's two ASCII bytes; `nil` entries are codes that name no country.
    private var indexByCode: [UInt16: UInt16?] = [:]
    private let isoCodes = Set(Locale.Region.isoRegions.map(\.identifier))

    /// The index of the place with this two-letter code, or nil if the code names no country.
    mutating func index(ofCode first: UInt8, _ second: UInt8) -> UInt16? {
        let key = UInt16(first) << 8 | UInt16(second)
        if let known = indexByCode[key] { return known }
        let code = String(decoding: [first, second], as: UTF8.self)
        let index = place(forCode: code).map { place in
            places.append(place)
            return UInt16(places.count - 1)
        }
        indexByCode[key] = index
        return index
    }

    /// A country's name, flag and continent; nil for "??" (unknown) and for codes that are not
    /// one country today: "EU" and "AP" (registries' blocks for a whole region), "UN", "ZZ",
    /// "AB" and "OS" (not ISO 3166), and the withdrawn "AN", "CS" and "SU", which Foundation
    /// would otherwise name as one of their successors, maybe the wrong one.
    func place(forCode rawCode: String) -> GeoInfo? {
        // "UK" is reserved for the United Kingdom, and some registries use it instead of "GB".
        let code = rawCode == "UK" ? "GB" : rawCode
        guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }),
            isoCodes.contains(code)
        else { return nil }
        let region = Locale.Region(code)
        // The European Union, the Eurozone and the United Nations have ISO codes but no continent.
        guard let continent = region.continent,
            let name = Locale(identifier: "en_US").localizedString(forRegionCode: code)
        else { return nil }
        let continentName = Self.continentName(code: code, continent: continent, region: region)
        return GeoInfo(countryCode: code, country: name, continent: continentName, flag: Self.flag(code))
    }

    /// UN M.49 continents in English, with the Americas split by sub-region.
    static func continentName(code: String, continent: Locale.Region, region: Locale.Region) -> String? {
        // CLDR files Antarctica under "Outlying Oceania"; nobody would call it Oceania.
        if code == "AQ" { return "Antarctica" }
        switch continent.identifier {
        case "002": return "Africa"
        case "009": return "Oceania"
        case "142": return "Asia"
        case "150": return "Europe"
        case "019":
            switch region.containingRegion?.identifier {
            case "005": return "South America"
            case "013", "021", "029": return "North America"
            // "419" (Latin America) spans both continents: better unknown than wrong.
            default: return nil
            }
        default: return nil
        }
    }

    /// The flag emoji: each letter as its regional-indicator symbol.
    static func flag(_ code: String) -> String {
        var flag = String.UnicodeScalarView()
        for letter in code.unicodeScalars {
            if let indicator = Unicode.Scalar(0x1F1E6 + letter.value - UInt32(UInt8(ascii: "A"))) {
                flag.append(indicator)
            }
        }
        return String(flag)
    }
}
