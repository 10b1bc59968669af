"""HTML export: an executed notebook to one self-contained page (nbconvert in-process, with the
`newsaudit` template in templates/), and the provenance that goes in each page's footer."""

from __future__ import annotations

import datetime
import json
import shlex
from functools import lru_cache

from .. import config, export


@lru_cache(maxsize=1)
def html_exporter():
    """One exporter per process: building it (traitlets, Jinja environment, template lookup) costs
    more than exporting a report."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """HTMLExporter without its last step, which parses the whole page with BeautifulSoup only
        to add alt text to images and tabindex to cells: our template writes the alt text itself,
        and pages without code inputs have no cells to focus. That step took 70% of the export."""

        def from_notebook_node(self, nb, resources=None, **kw):
            resources = self._init_resources(resources)
            self._nb_metadata.clear()  # nbconvert keeps every notebook's metadata otherwise
            self.register_filter("highlight_code", Highlight2HTML(pygments_lexer="ipython3", parent=self))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter(
        template_name="newsaudit", extra_template_basedirs=[str(config.TEMPLATES_DIR)],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        # Figures are embedded already (data: URLs in the outputs); the report notebooks' markdown
        # has no images to fetch.
        embed_images=False,
        # Validate the notebook once, after all preprocessors, not after each of them (12 times).
        optimistic_validation=True,
    )


def notebook_html(notebook, provenance: dict | None = None, title: str | None = None) -> str:
    """The executed notebook as one HTML page with no external scripts, styles or images."""
    resources = {"newsaudit": provenance or {}, "metadata": {"name": title or "newsaudit report"}}
    body, _ = html_exporter().from_notebook_node(notebook, resources=resources)
    return body


def provenance(job, settings: dict) -> dict:
    """What a report's footer says about how it was made: the notebook and parameters, the input
    tables' hashes, software versions, code, time, and the commands that make it again."""
    words = ["papermill", str(job.notebook), f"{job.stem}.ipynb", "-k", "python3", "--cwd", str(config.NOTEBOOKS_DIR)]
    for name, value in job.parameters.items():
        words += ["-r" if isinstance(value, str) else "-y", name,
                  value if isinstance(value, str) else json.dumps(value)]
    return {
        "report_id": job.report_id,
        "notebook": job.notebook.name,
        "parameters": {name: json.dumps(value, ensure_ascii=False) for name, value in job.parameters.items()},
        "inputs": {**settings["inputs"], job.notebook.name: export.file_sha256(job.notebook)},
        "versions": export.versions(),
        "git_commit": export.git_commit(),
        "code_hash": export.code_hash(),
        "rendered_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "command": settings["command"],
        "papermill_command": shlex.join(words),
    }
