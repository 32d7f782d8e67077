import pytest

from evaluation.report import replace_section


def test_replace_section_rewrites_only_between_the_markers():
    readme = "# sohoa\n## Accuracy\n<!-- accuracy:start -->\nold table\n<!-- accuracy:end -->\n## Usage\n"
    assert replace_section(readme, "| new |") == (
        "# sohoa\n## Accuracy\n<!-- accuracy:start -->\n| new |\n<!-- accuracy:end -->\n## Usage\n"
    )


def test_replace_section_refuses_a_readme_without_markers():
    with pytest.raises(ValueError, match="accuracy:start"):
        replace_section("# sohoa\n", "| new |")
