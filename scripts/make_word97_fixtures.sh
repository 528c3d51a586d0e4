#!/bin/bash
# Build SYNTHETIC Word 97 fixtures (invented person, fake data) with real tools:
# python-docx writes a DOCX, LibreOffice converts it to "MS Word 97" .doc.
# Needs: python3 with python-docx; soffice; /usr/bin/python3 with uno (python3-uno)
# for the password-protected copy.  Run once on a dev machine; commit the outputs.
set -euo pipefail
here=$(cd "$(dirname "$0")/../tests/fixtures" && pwd)
work=$(mktemp -d)
trap 'kill "${lo_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$work/word97_resume.docx" <<'PY'
import sys
from docx import Document

doc = Document()
doc.sections[0].header.paragraphs[0].text = "示例招聘网 页眉"
doc.add_heading("个人简历", level=1)
doc.add_paragraph("姓名：张示例    性别：男    出生年月：1990.05")
doc.add_paragraph("电话：138-0000-0000    邮箱：zhang.shili@example.com")
doc.add_paragraph("求职意向：客户经理 / 销售主管")
doc.add_heading("教育与工作经历", level=2)
rows = [
    ("类别", "时间", "单位", "学历/职位"),
    ("学历", "2008.09-2012.07", "示例大学 金融学", "本科"),
    ("学历", "2012.09-2015.07", "示例财经大学", "硕士"),
    ("工作经历", "2015.07-2019.02", "示例科技有限公司", "销售专员"),
    ("工作经历", "2019.03-至今", "示例农村商业银行", ""),  # empty last cell on purpose
]
table = doc.add_table(rows=len(rows), cols=4)
table.style = "Table Grid"
for r, values in enumerate(rows):
    for c, value in enumerate(values):
        table.cell(r, c).text = value
doc.add_heading("工作经历", level=2)
for line in (
    "2019.03-至今 示例农村商业银行 客户经理",
    "2015.07-2019.02 示例科技有限公司 销售专员",
):
    doc.add_paragraph(line, style="List Bullet")
# A HYPERLINK field: the .doc keeps code and result between \x13 \x14 \x15.
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
link = doc.add_paragraph("主页：")
link._p.append(parse_xml(
    f'<w:fldSimple {nsdecls("w")} w:instr=\' HYPERLINK "https://example.com/zhang" \'>'
    "<w:r><w:t>示例个人主页</w:t></w:r></w:fldSimple>"
))
doc.add_paragraph("自我评价：踏实肯干，善于沟通。Mixed English text: Excel, SQL.")
doc.save(sys.argv[1])
PY

profile="file://$work/profile"
soffice -env:UserInstallation="$profile" --headless \
  --convert-to 'doc:MS Word 97' --outdir "$work" "$work/word97_resume.docx" >/dev/null
cp "$work/word97_resume.doc" "$here/word97_resume.doc"

# (truncated.doc, the damaged case, is cut from legacy.doc by scripts/make_fixtures.py.)

# Password-protected copy through UNO (the CLI cannot set a password).
if /usr/bin/python3 -c 'import uno' 2>/dev/null; then
  soffice -env:UserInstallation="$profile" --headless --invisible \
    --accept='socket,host=127.0.0.1,port=2083;urp;' >/dev/null 2>&1 &
  lo_pid=$!
  /usr/bin/python3 - "$work/word97_resume.docx" "$here/word97_encrypted.doc" <<'PY'
import sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

ctx = uno.getComponentContext()
resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
for _ in range(60):
    try:
        remote = resolver.resolve("uno:socket,host=127.0.0.1,port=2083;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.5)
else:
    sys.exit("LibreOffice did not start")
desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(sys.argv[1]), "_blank", 0, (prop("Hidden", True),))
doc.storeToURL(uno.systemPathToFileUrl(sys.argv[2]), (prop("FilterName", "MS Word 97"), prop("Password", "test123")))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass  # the bridge drops when soffice exits
PY
  wait "$lo_pid" 2>/dev/null || true
else
  echo "python3-uno missing: skipped word97_encrypted.doc" >&2
fi
ls -l "$here"/word97_*.doc
