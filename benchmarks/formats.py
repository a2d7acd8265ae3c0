"""(a) Warm per-release cost of each format against the bare library on the same input.

    .venv/bin/python benchmarks/formats.py [--runs 25]

- pdf:  pressgen.render(meeting, "pdf") against WeasyPrint alone (one reused
  FontConfiguration, default URL fetcher) printing the same HTML and CSS. Goal ≤ 1.10.
- docx: pressgen.render(meeting, "docx") against python-docx alone opening the same
  template, adding the same paragraphs in the same styles and saving. Goal ≤ 1.20.
- html: pressgen.render(meeting, "html") against Jinja alone rendering the same page
  template with the same context (informative).

pressgen's side always includes the whole way from the loaded meeting: wording,
markup, typography, the writer, metadata, determinism.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import docx
import jinja2
import weasyprint
from timing import interleaved, machine, ratio_line
from weasyprint.text.fonts import FontConfiguration

import pressgen
from pressgen import resources
from pressgen.tree import Role
from pressgen.writers import Options, html, pdf
from pressgen.writers import docx as docx_writer

EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "sco-counternarcotics-07-astana-2017.yaml"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=25, help="timed runs of each side (default 25)")
    runs = parser.parse_args().runs

    meeting = pressgen.load_meeting(EXAMPLE)
    release = pressgen.build(meeting)
    print(machine())

    page = html.page(release, Options(), pdf.PDF_STYLESHEETS)
    fonts = FontConfiguration()
    times = interleaved(
        {
            "pressgen": lambda: pressgen.render(meeting, "pdf"),
            "weasyprint": lambda: weasyprint.HTML(string=page, base_url=pdf.base_url()).write_pdf(
                font_config=fonts
            ),
        },
        runs,
    )
    print(
        ratio_line(
            "pdf  pressgen vs WeasyPrint alone", times["pressgen"], times["weasyprint"], 1.10
        )
    )

    template = str(resources.find(docx_writer.TEMPLATE))
    blocks = [(block.text, docx_writer.STYLES[block.role]) for block in release.blocks]

    def bare_docx() -> bytes:
        document = docx.Document(template)
        body = document.element.body
        for child in list(body)[:-1]:  # keep the section properties
            body.remove(child)
        for text, style in blocks:
            document.add_paragraph(text, style=style)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    times = interleaved(
        {"pressgen": lambda: pressgen.render(meeting, "docx"), "python-docx": bare_docx}, runs
    )
    print(
        ratio_line(
            "docx pressgen vs python-docx alone", times["pressgen"], times["python-docx"], 1.20
        )
    )

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.package_templates())), autoescape=True
    )
    jinja_page = env.get_template(html.TEMPLATE)
    context = {
        "meta": release.meta,
        "title": html.HtmlBlock("title", html.inline_html(release.of_role(Role.TITLE)[0].children)),
        "subtitle": html.HtmlBlock(
            "subtitle", html.inline_html(release.of_role(Role.SUBTITLE)[0].children)
        ),
        "paragraphs": [
            html.HtmlBlock("paragraph", html.inline_html(b.children))
            for b in release.of_role(Role.PARAGRAPH)
        ],
        "stylesheets": [
            {"media": media, "css": html.stylesheet(name, ())} for name, media in html.STYLESHEETS
        ],
    }
    times = interleaved(
        {
            "pressgen": lambda: pressgen.render(meeting, "html"),
            "jinja": lambda: jinja_page.render(**context),
        },
        runs,
    )
    print(
        ratio_line("html pressgen vs Jinja alone (informative)", times["pressgen"], times["jinja"])
    )


if __name__ == "__main__":
    main()
