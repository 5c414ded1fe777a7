"""Turns Terraform's plan/show texts into Cairn's: "Terraform" becomes "Cairn" in the
paragraphs Cairn's renderers print, re-wrapped as Terraform wraps them (78 columns when
stdout is not a terminal). Deterministic: only the listed paragraphs change.

Used by the golden recorders (record_plan_render_goldens.py, record_cli_goldens.sh)."""

import sys

WIDTH = 78

# Paragraphs Terraform word-wraps (format.WordWrap), unwrapped, as Terraform writes them.
WRAPPED = [
    "Terraform used the selected providers to generate the following execution plan. "
    "Resource actions are indicated with the following symbols:",
    "You can apply this plan to save these new output values to the Terraform state, "
    "without changing any real infrastructure.",
    "Terraform has compared your real infrastructure against your configuration and found "
    "no differences, so no changes are needed.",
    "Either you have not created any objects yet or the existing objects were already "
    "deleted outside of Terraform.",
    "Terraform has checked that the real remote objects still match the result of your "
    "most recent changes, and found no differences.",
    "Terraform detected the following changes made outside of Terraform since the last "
    "\"terraform apply\" which may have affected this plan:",
    "This is a refresh-only plan, so Terraform will not take any actions to undo these. If "
    "you were expecting these changes then you can apply this plan to record the updated "
    "values in the Terraform state without changing any remote objects.",
    "Your configuration already matches the changes detected above. If you'd like to "
    "update the Terraform state to match, create and apply a refresh-only plan:",
    # The forget warning's detail (a diagnostic: wrapped as these paragraphs are).
    "If you apply this plan, Terraform will discard its tracking information for the "
    "following objects, but it will not delete them:",
    "After applying this plan, Terraform will no longer manage these objects. You will "
    "need to import them into Terraform to manage them again.",
    # plan's next step without -out (the command it names is Cairn's too).
    "Note: You didn't use the -out option to save this plan, so Terraform can't guarantee "
    "to take exactly these actions if you run \"terraform apply\" now.",
    # `import`'s success message.
    "The resources that were imported are shown above. These resources are now in your "
    "Terraform state and will henceforth be managed by Terraform.",
]

# Lines Terraform prints unwrapped.
LINES = [
    "Planning failed. Terraform encountered an error while generating this plan.",
    "Terraform will perform the following actions:",
    "Terraform planned the following actions, but then encountered a problem:",
    "Note: Objects have changed outside of Terraform",
    "will no longer be managed by Terraform, but ",
    "will be removed from Terraform state, but ",
    "Warning: Some objects will no longer be managed by Terraform",
    "  Terraform will perform the actions described above.",
    "  Terraform will destroy all your managed infrastructure, as shown above.",
    "Would you like to update the Terraform state to reflect these detected changes?",
    "  Terraform will write these changes to the state without modifying any real "
    "infrastructure.",
]

# Lines where the command to run is named too ("terraform apply" -> "cairn apply").
COMMAND_LINES = [
    "\n    terraform apply ",
    "try: terraform graph -type=plan */",
]


def wrap(text, width=WIDTH):
    """go-wordwrap's WrapString at width - 1 runes, as Terraform's format.WordWrap."""
    limit = width - 1
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > limit:
            out.append(line)
            line = word
        else:
            line = word if not line else line + " " + word
    out.append(line)
    return "\n".join(out)


# Literal paragraphs (hard line breaks in Terraform's source): Cairn keeps the breaks.
LITERAL = [
    # init's success message and its line about built-in providers.
    "Terraform has been successfully initialized!",
    "You may now begin working with Terraform. Try running \"terraform plan\" to see\n"
    "any changes that are required for your infrastructure. All Terraform commands\n"
    "should now work.",
    "If you ever set or change modules or backend configuration for Terraform,\n",
    " is built in to Terraform\n",
]


# Texts where Cairn's name changes the wrapping: (Terraform's, Cairn's).
REWRAPPED = [
    # validate's "Missing required provisioner plugin".
    ("it manually into one of the plugin search directories before running\nTerraform.",
     "it manually into one of the plugin search directories before running Cairn."),
]


def cairn_name(text):
    return text.replace("Terraform", "Cairn").replace('"terraform apply"', '"cairn apply"')


def to_cairn(text):
    for para in WRAPPED:
        text = text.replace(wrap(para), wrap(cairn_name(para)))
    for line in LINES:
        text = text.replace(line, line.replace("Terraform", "Cairn"))
    for old, new in REWRAPPED:
        text = text.replace(old, new)
    for block in LITERAL:
        text = text.replace(block, block.replace("Terraform", "Cairn").replace(
            '"terraform plan"', '"cairn plan"'))
    for line in COMMAND_LINES:
        text = text.replace(line, line.replace("terraform", "cairn"))
    return text


def errors_to_cairn(text):
    """stderr: only the diagnostics whose wrapping Cairn's name changes."""
    for old, new in REWRAPPED:
        text = text.replace(old, new)
    return text


if __name__ == "__main__":
    convert = to_cairn
    paths = sys.argv[1:]
    if paths and paths[0] == "--errors":
        convert = errors_to_cairn
        paths = paths[1:]
    for path in paths:
        with open(path, encoding="utf-8") as f:
            old = f.read()
        new = convert(old)
        if new != old:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
