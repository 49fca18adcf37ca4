"""movement_desk: records of the "Toàn dân bảo vệ an ninh Tổ quốc" movement, offline."""

__version__ = "0.1.0"
APP_NAME = "movement_desk"
