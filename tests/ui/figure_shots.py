"""Screenshots of a math-heavy answer and a diagram answer in the transcript, light and dark (offscreen).

Usage: python -m tests.ui.figure_shots OUT_DIR      (writes math-light.png, math-dark.png, diagram-*.png)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QStyleFactory

from app.ui.markdown_view import Entry
from app.ui.theme import dark_palette
from app.ui.transcript import TranscriptView

MATH_ANSWER = r"""For $ax^2 + bx + c = 0$ with $a \neq 0$ the roots are
$$x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}$$
and they are real when the discriminant $\Delta = b^2 - 4ac \ge 0$. Vieta's formulas give $x_1 + x_2 = -b/a$ and
$x_1 x_2 = c/a$. A course costs $5 and the book $10, so $15 in all.

The Gaussian integral:
\[
\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}
\]
In a table:

| quantity | formula | price |
|---|---|---|
| variance | $\operatorname{Var}(X) = \mathbb{E}[X^2] - \mathbb{E}[X]^2$ | $3.50 |
| softmax | \(\sigma(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}\) | $12 |

And a matrix: $A^{-1} = \frac{1}{ad - bc}\begin{pmatrix} d & -b \\ -c & a \end{pmatrix}$.
Broken: $\frac{1}{$ stays text.
"""

DIAGRAM_ANSWER = """Here is the request flow:

```mermaid
flowchart TD
    A["Receive HTTP request"] --> B{"Authenticated?"}
    B -- "No" --> C["Return 401 Unauthorized"]
    B -- "Yes" --> D{"Has permission?"}
    D -- "No" --> E["Return 403 Forbidden"]
    D -- "Yes" --> F["Process request"]
    F --> G["Return 200 OK"]
```

And the login as a sequence:

```mermaid
sequenceDiagram
    participant U as User
    participant F as Frontend
    participant B as Backend
    U->>F: Submit order
    F->>+B: POST /orders
    alt Success
        B-->>F: 201 Created
    else Failure
        B-->>F: 500 Internal Server Error
    end
    F-->>-U: Show result
```

A pie chart is not drawn:

```mermaid
pie title Pets
    "Dogs" : 386
    "Cats" : 85
```
"""


def shoot(out: Path, name: str, text: str, dark: bool, size: tuple[int, int]) -> Path:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyle(QStyleFactory.create("fusion"))
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    view = TranscriptView()
    view.resize(*size)
    view.show_entries([Entry("user", "Show me"), Entry("assistant", text, "openai · gpt-4o")])
    view.show()
    view.verticalScrollBar().setValue(0)
    app.processEvents()
    path = out / f"{name}-{'dark' if dark else 'light'}.png"
    view.grab().save(str(path))
    view.close()
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "artifacts/render")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    for dark in (False, True):
        print(shoot(out, "math", MATH_ANSWER, dark, (760, 620)))
        print(shoot(out, "diagram", DIAGRAM_ANSWER, dark, (760, 1400)))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
