"""scripts/check_readme.py: how a shown output is compared with the real one."""
import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("check_readme", Path(__file__).parent.parent / "scripts" / "check_readme.py")
check_readme = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_readme)


def test_an_ellipsis_line_stands_for_any_lines_and_nothing_else_is_loose():
    matches = check_readme.matches
    assert matches("260 labels:\n  zel-1: a\n  ...\n$ next", "260 labels:\n  zel-1: a\n  zel-2: b\n  zel-3: c\n$ next")
    assert matches("a\n...\nz", "a\nz")
    assert not matches("a\n...\nz", "a\nb\ny")  # what follows the cut must still be there
    assert not matches("a\nb", "a\nc")
    assert not matches("a ... b", "a x b")  # only a line of its own is an ellipsis
