"""OpenQMS's statistical process control engine (pure: numpy only, no Django)."""
