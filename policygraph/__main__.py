from policygraph.cli import app

app(prog_name="policygraph")
