"""Historical data import between Amplitude and Mixpanel (see rewriter.importer.run)."""
