// The pod comes in through the bridging header: no import here.
import UIKit
import Mixpanel

final class Tracker {
    func tapped() {
        Mixpanel.mainInstance().track(event: "Tapped")
    }
}
