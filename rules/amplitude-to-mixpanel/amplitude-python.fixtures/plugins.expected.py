from amplitude import Amplitude

client = Amplitude("KEY")
client.add(MyEnrichmentPlugin())
