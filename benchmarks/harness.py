"""harness.py -- what the benchmark harnesses share: the report header
with the machine's description, and printing / writing the report."""
import os
import time


def report(title, runs, reproduce, rows, output_path, write):
    """Prints the Markdown report; with write, also saves it."""
    cores = os.cpu_count()
    header = (f"## {title}\n\nMachine: {cores} cores "
              f"(`{os.uname().machine}`, Linux {os.uname().release}); "
              f"median of {runs} runs, builds alternated; "
              f"{time.strftime('%Y-%m-%d')}.  Reproduce: `{reproduce}`.\n")
    text = header + "\n" + "\n".join(rows)
    print(text)
    if write:
        with open(output_path, "w") as f:
            f.write(text)
