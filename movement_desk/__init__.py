"""movement_desk: records of the "Toàn dân bảo vệ an ninh Tổ quốc" movement, offline."""

__version__ = "0.1.0"
# The technical name: data folder, settings file, log file. Never changes, or users lose data.
APP_NAME = "movement_desk"
# What the user sees in window titles, the Start menu and the About dialog.
APP_DISPLAY_NAME = "Phong trào Toàn dân bảo vệ ANTQ"
APP_FULL_NAME = "Phong trào Toàn dân bảo vệ an ninh Tổ quốc"
# Qt settings (window sizes, last folders, language) are kept under this organisation.
ORGANIZATION_NAME = "TDBVANTQ"
# The desktop entry's name (movement-desk.desktop) and the executable's.
APP_ID = "movement-desk"
