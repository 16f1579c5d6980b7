"""The report's documents: HTML (html.py), PDF from the same HTML (pdf.py), the XLSX annex (xlsx.py)."""
