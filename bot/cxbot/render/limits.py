"""Slack's sizes, and the last step before any blocks leave: cut what is too long so Slack never refuses a reply.

slack_sdk's models do not check these (STACK.md): 50 blocks a message, 100 in modals and the Home tab, 3,000
characters a section text, 150 a header, 10 fields of 2,000 each, 75 a button label, 2,000 a button value.
Views page their long lists themselves; this is the backstop that says what it left out.
"""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

MESSAGE_BLOCKS = 50
SURFACE_BLOCKS = 100  # modals and the Home tab
SECTION_TEXT = 3000
HEADER_TEXT = 150
FIELDS = 10
FIELD_TEXT = 2000
CONTEXT_ELEMENTS = 10
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTIONS_ELEMENTS = 25
MORE = "…"


def clip(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters; a cut ends in an ellipsis (and closes a code block it opened)."""
    if len(text) <= limit:
        return text
    fence = "\n```" if text.count("```") % 2 == 0 and "```" in text else ""
    cut = text[: limit - len(MORE) - len(fence)]
    if fence and cut.count("```") % 2 == 0:
        fence = ""
    return cut + MORE + fence


def _text(obj: object, limit: int) -> None:
    if isinstance(obj, MarkdownTextObject | PlainTextObject):
        obj.text = clip(obj.text, limit)


def _fit_block(block: Block) -> Block:
    if isinstance(block, HeaderBlock):
        _text(block.text, HEADER_TEXT)
    elif isinstance(block, SectionBlock):
        _text(block.text, SECTION_TEXT)
        if block.fields:
            block.fields = block.fields[:FIELDS]
            for f in block.fields:
                _text(f, FIELD_TEXT)
        if isinstance(block.accessory, ButtonElement):
            _text(block.accessory.text, BUTTON_TEXT)
    elif isinstance(block, ContextBlock):
        block.elements = block.elements[:CONTEXT_ELEMENTS]
        for e in block.elements:
            _text(e, SECTION_TEXT)
    elif isinstance(block, ActionsBlock):
        block.elements = block.elements[:ACTIONS_ELEMENTS]
        for e in block.elements:
            if isinstance(e, ButtonElement):
                _text(e.text, BUTTON_TEXT)
    return block


def fit(blocks: list[Block], max_blocks: int = MESSAGE_BLOCKS) -> list[Block]:
    """The blocks within Slack's limits; when there are too many, the last says how many were left out."""
    fitted = [_fit_block(b) for b in blocks]
    if len(fitted) <= max_blocks:
        return fitted
    kept = fitted[: max_blocks - 1]
    note = f"{len(fitted) - len(kept)} more blocks not shown: too long for one Slack message. Export it as CSV."
    return [*kept, ContextBlock(elements=[MarkdownTextObject(text=note)])]


def chunk_lines(lines: list[str], limit: int = SECTION_TEXT, fence: bool = True) -> list[str]:
    """Lines joined into as few texts of at most ``limit`` characters as they fit (each a code block when fenced)."""
    wrap = 8 if fence else 0  # "```\n" + "\n```"
    texts: list[str] = []
    current: list[str] = []
    size = wrap
    for line in lines:
        line = clip(line, limit - wrap - 1)
        if current and size + len(line) + 1 > limit:
            texts.append("\n".join(current))
            current, size = [], wrap
        current.append(line)
        size += len(line) + 1
    if current:
        texts.append("\n".join(current))
    return [f"```\n{t}\n```" if fence else t for t in texts]
