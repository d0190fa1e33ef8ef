"""testfiles.py: where the Python tests find their DICOM files.

tests/samples holds small, redistributable copies of corpus files under their corpus paths (plus
generated/); every test that needs a particular file reads it there, so it runs in a clone of the
project alone. The shared corpus (LB_CORPUS, ../shared/corpus by default) is only for the
corpus-wide tests: without it they exit 77, which meson reports as SKIP, with the reason."""
import os
import sys

SAMPLES = os.environ.get("LB_SAMPLES") or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                       "samples")
CORPUS = os.environ.get("LB_CORPUS", "")


def sample(rel):
    """The in-repo copy of a test file, by its path in the corpus (or under generated/)."""
    return os.path.join(SAMPLES, rel)


def have_corpus(path=None):
    return os.path.isfile(os.path.join(path or CORPUS, "MANIFEST.tsv"))


def skip_without_corpus(what, path=None):
    """Exit 77 (meson: SKIP) with a message when the shared corpus is absent."""
    path = path or CORPUS
    if not have_corpus(path):
        print(f"SKIP: {what} runs over the shared DICOM corpus, not found at {path or '(unset)'}; "
              "configure with -Dcorpus=PATH to run it (the in-repo samples in tests/samples "
              "are tested by the other tests)")
        sys.exit(77)


def find(rel):
    """The in-repo copy of rel if there is one, else the corpus file, else None."""
    for path in (sample(rel), os.path.join(CORPUS, rel)):
        if os.path.isfile(path):
            return path
    return None


def parts_asked(name, corpus=None):
    """The parts of a two-part test its command line asks for ("in-repo", "corpus"; both when
    none is named), or None after printing the usage. Asked for the corpus part alone (meson's
    NAME-corpus test), it exits 77 when the corpus is absent."""
    parts = sys.argv[1:] or ["in-repo", "corpus"]
    if not set(parts) <= {"in-repo", "corpus"}:
        print(f"usage: {sys.argv[0]} [in-repo] [corpus]")
        return None
    if "corpus" in parts and "in-repo" not in parts:
        skip_without_corpus(name, corpus)
    return parts


def manifest_files(root):
    """Every file a folder's MANIFEST.tsv (the corpus's format: a header line, then the file's
    path first on each line) lists, as paths under root."""
    with open(os.path.join(root, "MANIFEST.tsv"), encoding="utf-8") as manifest:
        rels = [line.split("\t")[0] for line in manifest.read().splitlines()[1:]]
    return [os.path.join(root, r) for r in rels if r]
