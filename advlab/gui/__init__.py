"""The Qt window: widgets, the session state and the one worker thread that runs the models."""
