"""Reading guanxi's entity dictionaries, for the generators in scripts/."""
import glob
import os


def dictionary_surfaces(folder, skip=()):
    """Every canonical name and alias of the *.tsv dictionaries in folder, except
    the files named in skip."""
    found = set()
    for path in glob.glob(os.path.join(folder, "*.tsv")):
        if os.path.basename(path) in skip:
            continue
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            found.add(fields[0])
            if len(fields) > 2:
                found.update(a for a in fields[2].split("|") if a)
    return found
