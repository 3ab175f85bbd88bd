"""JourneyMapper: customer-journey workshops on a live, analysed swimlane map."""

__version__ = "0.1.0"
