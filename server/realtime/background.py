"""Background tasks a process runs beside its handlers, stopped together on shutdown."""


class Background:
    """Spawns tasks in the async mode of Socket.IO; `stop` ends them all and waits."""

    def __init__(self, socketio):
        self.socketio = socketio
        self._stopped = False
        self._tasks = []

    def spawn(self, fn) -> None:
        """Run `fn` in a background task; it should return soon after `self._stopped`."""
        self._tasks.append(self.socketio.start_background_task(fn))

    def stop(self) -> None:
        """Ask the tasks to stop and wait for them to end (a fraction of a second)."""
        self._stopped = True
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            (task.join if hasattr(task, "join") else task.wait)()
