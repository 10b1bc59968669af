"""newsaudit: who a news article cites, how, and in what tone."""

__version__ = "0.1.0"
