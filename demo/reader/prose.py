"""The templated prose: how clusters are described (``cluster-texts.toml``), what each
type of cluster report is (``cluster-reports/``) and what the report PDFs share
(``report-pdfs.toml``). Every placeholder is checked against what the code fills in."""

from __future__ import annotations

from .. import pdfs, texts
from ..data import ClusterReportType, Text
from .base import ReaderBase
from .fields import Fields


class ProseFiles(ReaderBase):
    report_pdfs: dict

    def read_cluster_texts(self) -> dict[str, dict[str, Text]]:
        fields = self.file("cluster-texts.toml")
        result = {}
        for group, placeholders in (
            ("villages", texts.VILLAGE_PLACEHOLDERS),
            ("description", texts.DESCRIPTION_PLACEHOLDERS),
        ):
            table = fields.table(group)
            result[group] = {
                name: self.bilingual_template(table, name, allowed) for name, allowed in placeholders.items()
            }
            table.done()
        fields.done()
        return result

    def read_cluster_reports(self) -> dict[str, ClusterReportType]:
        """One file per report type, named by it (``cluster-reports/strategiplan.toml``)."""
        kinds = {}
        allowed = texts.REPORT_PAGE_PLACEHOLDERS
        for path in sorted((self.root / "cluster-reports").glob("*.toml")):
            fields = self.file(f"cluster-reports/{path.name}")
            if path.stem not in self.report_pdfs["type_names"]:
                raise fields.error("", f"not a report type of report-pdfs.toml's type_names: {path.stem!r}")
            kinds[path.stem] = ClusterReportType(
                report_type=path.stem,
                title=self.bilingual_template(fields, "title", allowed),
                summary=self.bilingual_template(fields, "summary", allowed),
                authors=self.danish_template(fields, "authors", {"name", "secretariat"}),
                focus_areas=self.focus_keys(fields),
                pdf=self.pdf_sections(fields, pdfs.CLUSTER_SHARED, pdfs.CLUSTER_SECTION_PLACEHOLDERS),
            )
            fields.done()
        return kinds

    def read_report_pdfs(self) -> dict:
        fields = self.file("report-pdfs.toml")

        def template(table: Fields, path: str, name: str) -> str:
            return self.danish_template(table, name, pdfs.PDF_PLACEHOLDERS[path])

        def plain(table: Fields) -> dict[str, str]:
            values = {key: table.string(key) for key in table.data}
            table.done()
            return values

        result: dict = {name: template(fields, name, name) for name in ("subtitle", "colophon", "footer")}
        result["type_names"] = plain(fields.table("type_names"))
        result["phases"] = plain(fields.table("phases"))
        cluster = fields.table("cluster")
        result["cluster"] = {
            name: template(cluster, f"cluster.{name}", name)
            for name in ("title", "in_year", "villages", "residents", "named_villages", "theme")
        }
        lines = cluster.strings("title_lines")
        for index, line in enumerate(lines):
            cluster.check_template(
                f"title_lines[{index}]", line, pdfs.PDF_PLACEHOLDERS["cluster.title_lines"]
            )
        result["cluster"]["title_lines"] = lines
        programme = cluster.table("programme")
        result["cluster"]["programme"] = {
            name: template(programme, "cluster.programme", name) for name in ("pilot", "campaign")
        }
        programme.done()
        cluster.done()
        national = fields.table("national")
        result["national"] = {"background": national.strings("background")}
        national.done()
        fields.done()
        return result
