"""The Qt user interface: widgets, and the controllers that run core coroutines for them."""
