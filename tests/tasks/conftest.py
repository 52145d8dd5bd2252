"""Fixtures for tests/tasks: real worker processes, and the database backend for enqueues."""

import pytest

from tests.tasks.worker_process import DATABASE_BACKEND, Worker


@pytest.fixture
def start_worker(tmp_path):
    workers = []

    def start(worker_id: str = "test-worker-1", **env: str) -> Worker:
        worker = Worker(worker_id, tmp_path / f"worker-{len(workers) + 1}.log", **env)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def queued_backend(settings):
    """This process enqueues into the database, as production does."""
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}
