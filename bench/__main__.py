"""`python -m bench` lists the benchmarks; `python -m bench.<name> --help` shows each one's options."""

import pkgutil
from pathlib import Path

if __name__ == "__main__":
    names = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if not m.name.startswith("_")]
    print("Benchmarks (run one with: .venv/bin/python -m bench.<name>):")
    for name in names:
        print(f"  {name}")
