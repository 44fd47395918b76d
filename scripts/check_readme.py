"""Run every command the README shows and compare what it prints with what the README says it prints.

    python scripts/check_readme.py            # exit 1 and a diff for each command whose output differs
    python scripts/check_readme.py --update   # write the real output into README.md instead

A command is a line starting with "$ " inside a fenced block; its output is the lines after it, up to the
next command or the end of the block.  The commands run in order, as a reader would type them, in a fresh
folder /tmp/alliance-demo holding links to the repository's data/ and benchmarks/, with the .venv's
`alliance` first on PATH, stderr shown with stdout, and 110 columns.  A fenced block right after
`<!-- file: NAME -->` is written to NAME there first; a block right after `<!-- readme-check: skip -->`
(a server, or files of the reader's own) is not run.  Times and file sizes may differ, and a line "..."
in a shown output stands for any number of lines (a long listing cut short; --update keeps it where the
rest still matches).
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path("/tmp/alliance-demo")
VOLATILE = [(re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)?"), "<time>"),
            (re.compile(r"(size_bytes|wal_bytes)\s+\d+"), r"\1 <n>"),
            (re.compile(r"written \d{4}-\d{2}-\d{2}T\S+"), "written <time>")]


def blocks(lines: list[str]):
    """(start, end, marker) of each fenced block: lines[start] is the opening fence, lines[end] the closing."""
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            j = next(k for k in range(i + 1, len(lines)) if lines[k].startswith("```"))
            before = next((lines[k] for k in range(i - 1, max(i - 3, -1), -1) if lines[k].strip()), "")
            yield i, j, before.strip()
            i = j + 1
        else:
            i += 1


def normalise(text: str) -> str:
    for pattern, repl in VOLATILE:
        text = pattern.sub(repl, text)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def matches(shown: str, actual: str) -> bool:
    """Whether ``actual`` is what ``shown`` says: line for line, where a line "..." (indented or not) in
    ``shown`` stands for any number of lines, as doctest's ELLIPSIS does (a long listing cut short)."""
    parts = re.split(r"(?m)^[ \t]*\.\.\.[ \t]*$\n?", shown)
    if len(parts) == 1:
        return shown == actual
    pattern = ".*".join(re.escape(p) for p in parts)
    return re.fullmatch(pattern, actual, re.S) is not None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="write the real output into the README")
    ap.add_argument("readme", nargs="?", default=ROOT / "README.md", type=Path)
    args = ap.parse_args()
    lines = args.readme.read_text(encoding="utf-8").splitlines()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    for name in ("data", "benchmarks", "docs"):
        (WORK / name).symlink_to(ROOT / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCE_")}
    env.update(PATH=f"{ROOT / '.venv' / 'bin'}:{env['PATH']}", COLUMNS="110", TERM="dumb", NO_COLOR="1")
    replacements: list[tuple[int, int, list[str]]] = []
    failed = ran = 0
    for start, end, marker in blocks(lines):
        if marker.startswith("<!-- file:"):
            name = marker.removeprefix("<!-- file:").removesuffix("-->").strip()
            (WORK / name).write_text("\n".join(lines[start + 1:end]) + "\n", encoding="utf-8")
            continue
        if "readme-check: skip" in marker:
            continue
        commands = [k for k in range(start + 1, end) if lines[k].startswith("$ ")]
        for n, k in enumerate(commands):
            stop = commands[n + 1] if n + 1 < len(commands) else end
            command, shown = lines[k][2:], "\n".join(lines[k + 1:stop])
            result = subprocess.run(["bash", "-c", command], cwd=WORK, env=env, capture_output=True, text=True,
                                    timeout=900)
            # stderr first, as a terminal shows it for these commands (notes come before or after the data;
            # the README shows them where they appear)
            actual = _interleave(result)
            ran += 1
            if not matches(normalise(shown), normalise(actual)):
                if args.update:
                    replacements.append((k + 1, stop, actual.rstrip("\n").splitlines()))
                else:
                    failed += 1
                    print(f"README.md:{k + 1}: $ {command}")
                    sys.stdout.writelines(difflib.unified_diff(
                        normalise(shown).splitlines(True), normalise(actual).splitlines(True), "shown", "actual",
                        n=1))
                    print()
    if args.update and replacements:
        for a, b, new in reversed(replacements):
            lines[a:b] = new
        args.readme.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(replacements)} of {ran} outputs rewritten in {args.readme}")
        return 0
    print(f"{ran} commands run, {failed} print other than shown")
    return 1 if failed else 0


def _interleave(result: subprocess.CompletedProcess) -> str:
    """stderr and stdout as the README shows them: notes that come before the data (progress, 'applied ...')
    first, the page note and summaries after it."""
    out, err = result.stdout, result.stderr
    head = [line for line in err.splitlines(True) if line.startswith(("applied ", "skipped:", "failed:",
                                                                       "warning:", "duplicate:"))]
    tail = [line for line in err.splitlines(True) if line not in head]
    return "".join(head) + out + "".join(tail)


if __name__ == "__main__":
    sys.exit(main())
