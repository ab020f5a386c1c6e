import Amplitude

func start(user: String) {
    Amplitude.instance().initializeApiKey("a1b2c3d4e5f6", userId: user)
}
