#!/usr/bin/env python3
"""Prints how many tests were skipped and why, and why any test run was aborted, from the TRX files (and --blame's
sequence files) that `dotnet test --logger trx --blame` wrote into DIR.

Usage: skipped_tests.py DIR. One summary line, then one line per skip reason with its count and the first few tests,
so a CI log says at a glance what did not run (the console logger at minimal verbosity gives only a count per project).
A test host that died is reported last, with the tests it had not finished and the end of its error text: the CI
record keeps only the tail of the log.
"""
import collections, glob, os, sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(directory):
    by_reason = collections.defaultdict(list)
    total = 0
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.trx"), recursive=True)):
        root = ET.parse(path).getroot()
        for result in root.iterfind(".//t:UnitTestResult", NS):
            total += 1
            if result.get("outcome") != "NotExecuted":
                continue
            message = result.find("./t:Output/t:ErrorInfo/t:Message", NS)
            reason = (message.text or "").strip() if message is not None else "(no reason given)"
            by_reason[reason].append(result.get("testName"))
    skipped = sum(len(v) for v in by_reason.values())
    print(f"skipped tests: {skipped} of {total}")
    for reason, tests in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        shown = ", ".join(t.rsplit(".", 2)[-2] + "." + t.rsplit(".", 1)[-1] for t in tests[:3])
        more = f", … ({len(tests) - 3} more)" if len(tests) > 3 else ""
        print(f"  {len(tests)} × {reason}: {shown}{more}")
    report_aborted_runs(directory)


def report_aborted_runs(directory):
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.trx"), recursive=True)):
        root = ET.parse(path).getroot()
        for info in root.iterfind(".//t:RunInfos/t:RunInfo", NS):
            text = info.findtext("./t:Text", default="", namespaces=NS)
            if info.get("outcome") != "Error" or "aborted" not in text:
                continue
            # libtorch repeats "Could not initialize NNPACK" once per thread where NNPACK cannot start.
            lines = [l for l in text.splitlines() if l.strip() and "NNPACK" not in l]
            print(f"ABORTED test run ({os.path.basename(path)}):")
            for line in lines[:12] + (["…"] if len(lines) > 12 else []):
                print(f"  {line[:200]}")
    sequences = {os.path.basename(p): p for p in glob.glob(os.path.join(directory, "**", "Sequence_*.xml"),
                                                           recursive=True)}
    for path in sorted(sequences.values()):
        unfinished = [t.get("Name") for t in ET.parse(path).getroot().iter("Test") if t.get("Completed") == "False"]
        if unfinished:
            print(f"  unfinished when the test host died ({os.path.basename(path)}): {', '.join(unfinished)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "TestResults")
