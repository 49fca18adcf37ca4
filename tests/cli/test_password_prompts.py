"""Typing a new password on the command line: asked twice at a terminal, once from a pipe, and
refused in words when empty or when the two differ."""

from __future__ import annotations

import io

import pytest

from movement_desk.cli import common as cli_session
from movement_desk.cli.common import CommandFailed


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def typed(monkeypatch):
    """What the user types at a terminal, answer by answer (``getpass`` reads it)."""
    answers: list[str] = []
    monkeypatch.delenv(cli_session.NEW_PASSWORD_ENV_VAR, raising=False)
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(cli_session.getpass, "getpass", lambda prompt: answers.pop(0))
    return answers


def test_a_terminal_asks_twice(typed):
    typed += ["mật-khẩu-1", "mật-khẩu-1"]
    assert cli_session.read_new_password() == "mật-khẩu-1"
    assert typed == []


def test_two_different_answers_change_nothing(typed):
    typed += ["mật-khẩu-1", "mật-khẩu-2"]
    with pytest.raises(CommandFailed, match="Hai lần nhập mật khẩu không giống nhau"):
        cli_session.read_new_password()


def test_an_empty_answer_is_refused(typed):
    typed += [""]
    with pytest.raises(CommandFailed, match="Chưa nhập mật khẩu mới"):
        cli_session.read_new_password()


def test_a_pipe_gives_one_line(monkeypatch, capsys):
    monkeypatch.delenv(cli_session.NEW_PASSWORD_ENV_VAR, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("từ-ống-dẫn\r\n"))
    assert cli_session.read_new_password("Mật khẩu") == "từ-ống-dẫn"
    assert "Mật khẩu: " in capsys.readouterr().err


def test_the_environment_variable_comes_first(monkeypatch):
    monkeypatch.setenv(cli_session.NEW_PASSWORD_ENV_VAR, "từ-biến-môi-trường")
    assert cli_session.read_new_password() == "từ-biến-môi-trường"
