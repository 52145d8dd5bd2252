"""What every importer shares, whatever it imports (spaces, atlas indicators, boundaries).

* ``report.ImportReport``: the one report of a run (counts, a line per rejected, skipped or
  merged row and per warning, a summary, the CSV report);
* ``rows``: the outcomes of one row (``RowRejected``, ``RowSkipped``) and of a run
  (``ImportAborted``);
* ``readers``: source files (``ImportFileError``, ``CsvFile``, ``read_json``, ``read_text``);
* ``progress.progress_bar``: the tqdm bar every stage of a run draws;
* ``command.ImportCommand``: the management-command base (dry run by default, ``--commit``,
  ``--report FILE``, ``--no-progress``, the summary printed, CommandError on a bad file).

No Django models and no first-party app: the registry's and the atlas's importers build on it.
"""
