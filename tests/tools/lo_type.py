"""Type into cells with LibreOffice, as a user would, then save: run by a Python with ``uno``.

    python3 lo_type.py SRC DEST PROFILE_URL CELL=TEXT … [DELETE=ROW …] [INSERT=ROW …]
        [INSERTCOL=COLUMN …] [SHIFTRIGHT=CELL …] [IMPORT=FILE]

Each text goes through Calc's input line (``.uno:EnterString``): ``97%`` becomes 0.97 with
a percent number format, exactly as typed into the cell. DEST is saved as .xlsx.
"""

import contextlib
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main(attempt: int = 0):
    src, dest, profile = sys.argv[1], sys.argv[2], sys.argv[3]
    profile += f"-{attempt}" if attempt else ""  # a fresh profile: the first may be locked
    cells = [a.split("=", 1) for a in sys.argv[4:]]
    pipe = f"sopkit{os.getpid()}-{attempt}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
         f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(240):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(src))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        controller = doc.getCurrentController()
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        sheet = doc.Sheets.getByIndex(0)
        for ref, text in cells:
            if ref == "DELETE":  # DELETE=10: the user deletes row 10 (the sheet unprotected)
                sheet.unprotect("")
                sheet.Rows.removeByIndex(int(text) - 1, 1)
                continue
            if ref == "IMPORT":  # IMPORT=path: the first sheet of another workbook, at the end
                url = uno.systemPathToFileUrl(os.path.abspath(text))
                other = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                doc.Sheets.importSheet(other, other.Sheets.getByIndex(0).Name, doc.Sheets.Count)
                other.close(True)
                continue
            if ref == "INSERT":  # INSERT=17: a new row 17, the rows below move down
                sheet.unprotect("")
                sheet.Rows.insertByIndex(int(text) - 1, 1)
                continue
            if ref == "INSERTCOL":  # INSERTCOL=B: a new column B, the columns right move right
                sheet.unprotect("")
                index = sheet.getCellRangeByName(f"{text}1").CellAddress.Column
                sheet.Columns.insertByIndex(index, 1)
                continue
            if ref == "SHIFTRIGHT":  # SHIFTRIGHT=B4: a new cell B4, the row's cells right of it
                sheet.unprotect("")  # move right (Insert Cells… › Shift cells right)
                sheet.insertCells(sheet.getCellRangeByName(text).RangeAddress, 2)  # RIGHT
                continue
            controller.select(sheet.getCellRangeByName(ref))
            dispatcher.executeDispatch(
                controller.getFrame(), ".uno:EnterString", "", 0, (prop("StringName", text),)
            )
        out = uno.systemPathToFileUrl(os.path.abspath(dest))
        doc.storeToURL(out, (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):  # the office may already be gone
                desktop.terminate()
        try:
            office.wait(timeout=120)
        except subprocess.TimeoutExpired:  # it did not stop: its profile must be free again
            office.kill()
            office.wait()


if __name__ == "__main__":
    # A loaded machine sometimes loses the first start of the office (the pipe never answers
    # or the document does not load): once more with a fresh profile, then fail for real.
    try:
        main()
    except Exception:
        # The lost office may leave its lock beside the document; the second would then
        # not open it (loadComponentFromURL returns None).
        src = os.path.abspath(sys.argv[1])
        lock = os.path.join(os.path.dirname(src), f".~lock.{os.path.basename(src)}#")
        with contextlib.suppress(OSError):
            os.remove(lock)
        main(attempt=1)
