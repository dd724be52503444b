"""The desktop app (PySide6). Importing it first keeps PySide6 from caching module sources."""

from ui.module_sources import stop_keeping_module_sources

stop_keeping_module_sources()
