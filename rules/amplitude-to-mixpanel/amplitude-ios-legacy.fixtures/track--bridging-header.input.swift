// The pod comes in through the bridging header: no import here.
import UIKit

final class Tracker {
    func tapped() {
        Amplitude.instance().logEvent("Tapped")
    }
}
