import Amplitude

func login(id: String) {
    Amplitude.instance().setUserId(id, startNewSession: true)
}
