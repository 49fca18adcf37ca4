<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../movement_desk/gui/tasks.py" line="+50"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>CataloguesView</name>
    <message>
        <location filename="../../movement_desk/gui/views/catalogues.py" line="+272"/>
        <source>Administrative units</source>
        <translation>Đơn vị hành chính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model types</source>
        <translation>Loại mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisers</source>
        <translation>Đơn vị tổ chức</translation>
    </message>
</context>
<context>
    <name>CommunityModelForm</name>
    <message>
        <location filename="../../movement_desk/gui/forms.py" line="+425"/>
        <source>&amp;Name</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model &amp;type</source>
        <translation>&amp;Loại mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit</source>
        <translation>Đơn &amp;vị</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Managing body &amp;kind</source>
        <translation>Loại cơ &amp;quan quản lý</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Managed by</source>
        <translation>Cơ quan quản &amp;lý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Established on</source>
        <translation>Ngày thành &amp;lập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mem&amp;bers</source>
        <translation>Số thành &amp;viên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>&amp;Tình trạng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status &amp;date</source>
        <translation>Ngày chuyển tình trạn&amp;g</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes</source>
        <translation>&amp;Ghi chú</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit community model</source>
        <translation>Sửa mô hình</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New community model</source>
        <translation>Thêm mô hình</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Add model “{name}”</source>
        <translation>Thêm mô hình “{name}”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit model “{name}”</source>
        <translation>Sửa mô hình “{name}”</translation>
    </message>
</context>
<context>
    <name>CommunityModelTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+188"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model type</source>
        <translation>Loại mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Managed by</source>
        <translation>Cơ quan quản lý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Established</source>
        <translation>Ngày thành lập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
</context>
<context>
    <name>CommunityModelsView</name>
    <message>
        <location filename="../../movement_desk/gui/views/records.py" line="+345"/>
        <source>Any status</source>
        <translation>Mọi tình trạng</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} models</source>
        <translation>{count} mô hình</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the model “{name}”</source>
        <translation>mô hình “{name}”</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../movement_desk/gui/widgets.py" line="+68"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pick a date on a calendar</source>
        <translation>Chọn ngày trên lịch</translation>
    </message>
</context>
<context>
    <name>DecisionForm</name>
    <message>
        <location filename="../../movement_desk/gui/forms.py" line="+77"/>
        <source>&amp;Number</source>
        <translation>&amp;Số quyết định</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date</source>
        <translation>&amp;Ngày ký</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Form</source>
        <translation>&amp;Hình thức</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Emulation &amp;title</source>
        <translation>Danh hiệu &amp;thi đua</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issuing &amp;authority</source>
        <translation>Cơ quan, người &amp;ban hành</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit</source>
        <translation>Đơn &amp;vị ban hành</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signing &amp;capacity</source>
        <translation>Thẩm &amp;quyền ký</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signer&apos;s t&amp;itle</source>
        <translation>Chức vụ người &amp;ký</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signer&apos;s na&amp;me</source>
        <translation>Họ tên người ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Place of signing</source>
        <translation>&amp;Nơi ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achie&amp;vement</source>
        <translation>Thành tíc&amp;h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Recipients&lt;/b&gt; — paste rows copied from Excel with Ctrl+V</source>
        <translation>&lt;b&gt;Danh sách được khen thưởng&lt;/b&gt; — dán các dòng chép từ Excel bằng Ctrl+V</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add &amp;row</source>
        <translation>Thêm &amp;dòng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove row</source>
        <translation>&amp;Xóa dòng</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Edit decision</source>
        <translation>Sửa quyết định</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New decision</source>
        <translation>Thêm quyết định</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Row {row}, {label}: {message}</source>
        <translation>Dòng {row}, {label}: {message}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Add decision {number}</source>
        <translation>Thêm quyết định {number}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit decision {number}</source>
        <translation>Sửa quyết định {number}</translation>
    </message>
</context>
<context>
    <name>DecisionTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+13"/>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recipients</source>
        <translation>Số được khen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
</context>
<context>
    <name>DecisionsView</name>
    <message>
        <location filename="../../movement_desk/gui/views/records.py" line="+44"/>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient kind</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position or rank</source>
        <translation>Chức vụ, cấp bậc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit or address</source>
        <translation>Đơn vị, địa chỉ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register no.</source>
        <translation>Số sổ vàng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>Đã in</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select a decision to see its recipients.</source>
        <translation>Chọn một quyết định để xem danh sách được khen thưởng.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Recipients of decision {number} ({count})</source>
        <translation>Được khen thưởng theo quyết định {number} ({count})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} decisions</source>
        <translation>{count} quyết định</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>decision {number} with all its recipients</source>
        <translation>quyết định {number} cùng toàn bộ danh sách được khen</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../movement_desk/gui/transfer_dialogs.py" line="+195"/>
        <location line="+28"/>
        <source>Export to a file</source>
        <translation>Xuất ra tệp</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>&amp;What</source>
        <translation>&amp;Dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the records the list shows now</source>
        <translation>Chỉ các bản ghi danh sách đang hiển thị</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Export…</source>
        <translation>&amp;Xuất…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Exported {count} rows to {path}.</source>
        <translation>Đã xuất {count} dòng ra {path}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../movement_desk/gui/filters_bar.py" line="+36"/>
        <source>Search (accents and case ignored)…</source>
        <translation>Tìm kiếm (không phân biệt dấu, hoa thường)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Any date</source>
        <translation>Mọi thời gian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date range</source>
        <translation>Khoảng ngày</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>All kinds</source>
        <translation>Mọi hình thức</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>month </source>
        <translation>tháng </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>quarter </source>
        <translation>quý </translation>
    </message>
</context>
<context>
    <name>HomeTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+37"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Số buổi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Lượt người</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tips</source>
        <translation>Tin giá trị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New models</source>
        <translation>Mô hình mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last session</source>
        <translation>Buổi gần nhất</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>nothing entered</source>
        <translation>chưa nhập gì</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../movement_desk/gui/views/home.py" line="+46"/>
        <source>Click a unit&apos;s name (or press Enter) to see its sessions of the period.</source>
        <translation>Nhấp vào tên đơn vị (hoặc nhấn Enter) để xem các buổi của kỳ này.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No home unit is set: choose the unit you work for in Settings.</source>
        <translation>Chưa chọn đơn vị làm việc: hãy chọn đơn vị trong phần Cài đặt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>decree rule, 15th to 14th</source>
        <translation>theo Nghị định 09/2019, từ ngày 15 đến ngày 14</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>calendar months</source>
        <translation>theo tháng dương lịch</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;h2&gt;{unit}&lt;/h2&gt;Reporting period: month {month:02d}/{year} ({start} – {end}, {rule})</source>
        <translation>&lt;h2&gt;{unit}&lt;/h2&gt;Kỳ báo cáo: tháng {month:02d}/{year} ({start} – {end}, {rule})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>So far: {sessions} sessions, {participants} participants, {tips} valuable tips. </source>
        <translation>Đến nay: {sessions} buổi, {participants} lượt người tham gia, {tips} tin có giá trị. </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b style=&apos;color:#b3261e&apos;&gt;{missing} of {count} units have entered nothing yet&lt;/b&gt; (highlighted).</source>
        <translation>&lt;b style=&apos;color:#b3261e&apos;&gt;{missing}/{count} đơn vị chưa nhập số liệu&lt;/b&gt; (tô màu).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every unit has entered something.</source>
        <translation>Tất cả đơn vị đã nhập số liệu.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../movement_desk/gui/transfer_dialogs.py" line="-144"/>
        <location line="+46"/>
        <source>Import from a file</source>
        <translation>Nhập từ tệp</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>&amp;What</source>
        <translation>&amp;Dữ liệu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File (.xlsx or .csv)</source>
        <translation>&amp;Tệp (.xlsx hoặc .csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only check the file, write nothing</source>
        <translation>Chỉ kiểm tra tệp, không ghi gì</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All or nothing: if one row is wrong nothing is written. Importing the same file again creates no duplicates.</source>
        <translation>Nhập tất cả hoặc không gì cả: chỉ cần một dòng sai là không ghi gì. Nhập lại cùng một tệp không tạo bản trùng.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose a file first.</source>
        <translation>Hãy chọn tệp trước.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing…</source>
        <translation>Đang nhập…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancelled: nothing was written.</source>
        <translation>Đã hủy: không ghi gì.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused: nothing was written.</source>
        <translation>Tệp có lỗi: không ghi gì.</translation>
    </message>
</context>
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <location line="-127"/>
        <source>Import refused: nothing was written</source>
        <translation>Không nhập được: chưa ghi gì</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} problems were found. Correct the file and import it again.</source>
        <translation>Có {count} lỗi. Hãy sửa tệp rồi nhập lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+27"/>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+27"/>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+27"/>
        <source>Problem</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>&amp;Save list…</source>
        <translation>&amp;Lưu danh sách lỗi…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save the list of problems</source>
        <translation>Lưu danh sách lỗi</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../movement_desk/gui/main_window.py" line="+79"/>
        <location line="+33"/>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Monthly, quarterly and yearly reports will appear here.</source>
        <translation>Báo cáo tháng, quý, năm sẽ có ở đây.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+25"/>
        <source>Certificates</source>
        <translation>In giấy khen</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Printing certificates for a decision will appear here.</source>
        <translation>In giấy khen, bằng khen theo quyết định sẽ có ở đây.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Home</source>
        <translation>Trang chủ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Buổi phát động</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commendations</source>
        <translation>Khen thưởng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Units and catalogues</source>
        <translation>Đơn vị và danh mục</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>movement_desk — All People Protect National Security — {name}</source>
        <translation>movement_desk — Phong trào Toàn dân bảo vệ an ninh Tổ quốc — {name}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;session</source>
        <translation>Thêm &amp;buổi</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New community &amp;model</source>
        <translation>Thêm &amp;mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;decision</source>
        <translation>Thêm &amp;quyết định khen thưởng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import…</source>
        <translation>&amp;Nhập từ tệp…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>&amp;Xuất ra tệp…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;New record</source>
        <translation>&amp;Thêm mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit record</source>
        <translation>&amp;Sửa bản ghi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate record</source>
        <translation>&amp;Nhân bản bản ghi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Delete record</source>
        <translation>&amp;Xóa bản ghi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Find</source>
        <translation>&amp;Tìm kiếm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>About movement_desk</source>
        <translation>Giới thiệu movement_desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>movement_desk {version}
Records of the movement “All People Protect National Security”: sessions, community models, commendations.</source>
        <translation>movement_desk {version}
Ghi nhận phong trào “Toàn dân bảo vệ an ninh Tổ quốc”: buổi phát động, tuyên truyền, mô hình, khen thưởng.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Database file</source>
        <translation>Tệp cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unit: {unit}</source>
        <translation>Đơn vị: {unit}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{sessions} sessions · {models} models · {decisions} decisions</source>
        <translation>{sessions} buổi · {models} mô hình · {decisions} quyết định</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A form was not saved when the program last closed ({when}). Do you want to continue it?

No deletes the draft.</source>
        <translation>Lần trước chương trình đóng khi một biểu mẫu chưa được lưu ({when}). Bạn có muốn nhập tiếp không?

Chọn Không sẽ xóa bản nháp này.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsaved form found</source>
        <translation>Có biểu mẫu chưa lưu</translation>
    </message>
</context>
<context>
    <name>ModelTypeForm</name>
    <message>
        <location filename="../../movement_desk/gui/views/catalogues.py" line="-240"/>
        <source>&amp;Name</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category</source>
        <translation>&amp;Nhóm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;riteria (for “3 không” types)</source>
        <translation>Tiêu &amp;chí (cho loại “3 không”)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>&amp;Mô tả</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit model type</source>
        <translation>Sửa loại mô hình</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New model type</source>
        <translation>Thêm loại mô hình</translation>
    </message>
</context>
<context>
    <name>ModelTypesTab</name>
    <message>
        <location line="+88"/>
        <source>&amp;New type</source>
        <translation>&amp;Thêm loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Criteria</source>
        <translation>Tiêu chí</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the model type “{name}”?</source>
        <translation>Xóa loại mô hình “{name}”?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete model type “{name}”</source>
        <translation>Xóa loại mô hình “{name}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot undo</source>
        <translation>Không hoàn tác được</translation>
    </message>
</context>
<context>
    <name>OrganizersTab</name>
    <message>
        <location line="+16"/>
        <source>&amp;Add organiser</source>
        <translation>&amp;Thêm đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Organisers listed here are offered when typing a session.</source>
        <translation>Các đơn vị tổ chức ở đây được gợi ý khi nhập buổi.</translation>
    </message>
</context>
<context>
    <name>RecipientsTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+36"/>
        <source>Recipient kind</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position or rank</source>
        <translation>Chức vụ, cấp bậc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit or address</source>
        <translation>Đơn vị, địa chỉ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own achievement (if different)</source>
        <translation>Thành tích riêng (nếu khác)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register no.</source>
        <translation>Số sổ vàng</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../movement_desk/gui/forms.py" line="-566"/>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save (Ctrl+S)</source>
        <translation>Lưu (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save and &amp;new</source>
        <translation>Lưu và thêm &amp;mới</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save, then start a new record keeping the date, unit and organiser</source>
        <translation>Lưu, rồi nhập bản ghi mới giữ nguyên ngày, đơn vị và đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>Add record</source>
        <translation>Thêm bản ghi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit record</source>
        <translation>Sửa bản ghi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot undo</source>
        <translation>Không hoàn tác được</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>This form has changes that are not saved. Save them?</source>
        <translation>Biểu mẫu có thay đổi chưa lưu. Lưu lại không?</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <location filename="../../movement_desk/gui/views/records.py" line="-351"/>
        <source>&amp;New</source>
        <translation>&amp;Thêm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>D&amp;uplicate</source>
        <translation>&amp;Nhân bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport list…</source>
        <translation>&amp;Xuất danh sách…</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>{count} records</source>
        <translation>{count} bản ghi</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {what}?

You can undo this from the Edit menu (Ctrl+Z).</source>
        <translation>Xóa {what}?

Có thể hoàn tác trong menu Sửa (Ctrl+Z).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete {what}</source>
        <translation>Xóa {what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot undo</source>
        <translation>Không hoàn tác được</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the list</source>
        <translation>Xuất danh sách</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export</source>
        <translation>Xuất dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported {count} rows to {path}.</source>
        <translation>Đã xuất {count} dòng ra {path}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export failed</source>
        <translation>Xuất không thành công</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <location filename="../../movement_desk/gui/forms.py" line="+32"/>
        <source>&amp;Date</source>
        <translation>&amp;Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit</source>
        <translation>Đơn &amp;vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind</source>
        <translation>&amp;Hình thức</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organiser &amp;kind</source>
        <translation>&amp;Loại đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Organiser</source>
        <translation>Đơn vị &amp;tổ chức</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title</source>
        <translation>&amp;Nội dung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Participants</source>
        <translation>Số lượt người &amp;tham gia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valuable &amp;tips</source>
        <translation>Số tin có &amp;giá trị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes</source>
        <translation>&amp;Ghi chú</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit session</source>
        <translation>Sửa buổi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New session</source>
        <translation>Thêm buổi</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Add session “{title}”</source>
        <translation>Thêm buổi “{title}”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit session “{title}”</source>
        <translation>Sửa buổi “{title}”</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="-175"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organiser</source>
        <translation>Đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Participants</source>
        <translation>Lượt người</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tips</source>
        <translation>Tin giá trị</translation>
    </message>
</context>
<context>
    <name>SessionsView</name>
    <message>
        <location filename="../../movement_desk/gui/views/records.py" line="+26"/>
        <source>Totals for the list: {sessions} sessions, {participants} participants, {tips} valuable tips</source>
        <translation>Cộng danh sách: {sessions} buổi, {participants} lượt người tham gia, {tips} tin có giá trị</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} sessions</source>
        <translation>{count} buổi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the session “{title}” of {date}</source>
        <translation>buổi “{title}” ngày {date}</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../movement_desk/gui/views/settings_view.py" line="+40"/>
        <source>This database (travels with its backups)</source>
        <translation>Cơ sở dữ liệu này (đi cùng bản sao lưu)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unit this office works for</source>
        <translation>Đơn vị làm việc</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decree 09/2019: 15th of the month before to the 14th</source>
        <translation>Nghị định 09/2019: từ ngày 15 tháng trước đến ngày 14</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar months</source>
        <translation>Tháng dương lịch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reporting periods</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place (for date lines)</source>
        <translation>Địa danh (dòng ngày tháng)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuing authority</source>
        <translation>Cơ quan, người ban hành</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer&apos;s title</source>
        <translation>Chức vụ người ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer&apos;s name</source>
        <translation>Họ tên người ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer&apos;s parent body</source>
        <translation>Cơ quan cấp trên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer&apos;s name</source>
        <translation>Tên cơ quan ban hành</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report symbol</source>
        <translation>Ký hiệu báo cáo</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signing capacity</source>
        <translation>Thẩm quyền ký</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer</source>
        <translation>Máy tính này</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Interface language (after restart)</source>
        <translation>Ngôn ngữ giao diện (sau khi mở lại)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save settings</source>
        <translation>&amp;Lưu cài đặt</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>There is no unit with code “{code}”; pick one from the list.</source>
        <translation>Không có đơn vị mã “{code}”; hãy chọn trong danh sách.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language is used from the next start.</source>
        <translation>Ngôn ngữ mới có hiệu lực từ lần mở chương trình sau.</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <location filename="../../movement_desk/gui/widgets.py" line="+130"/>
        <source>type a name (no accents needed) or a code</source>
        <translation>gõ tên (không cần dấu) hoặc mã đơn vị</translation>
    </message>
</context>
<context>
    <name>UnitTreePicker</name>
    <message>
        <location line="+85"/>
        <source>Search units (no accents needed)</source>
        <translation>Tìm đơn vị (không cần dấu)</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+28"/>
        <source>All units</source>
        <translation>Mọi đơn vị</translation>
    </message>
</context>
<context>
    <name>UnitsTab</name>
    <message>
        <location filename="../../movement_desk/gui/views/catalogues.py" line="-156"/>
        <source>Units come from the bundled list or from “units import FILE.csv” on the command line; records keep the unit they were entered under.</source>
        <translation>Danh mục đơn vị lấy từ danh sách kèm theo hoặc lệnh “units import TỆP.csv”; mỗi bản ghi giữ đơn vị lúc nhập.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>Hiệu lực từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid to</source>
        <translation>Hiệu lực đến</translation>
    </message>
</context>
<context>
    <name>prompts</name>
    <message>
        <location filename="../../movement_desk/gui/prompts.py" line="+29"/>
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <location filename="../../movement_desk/gui/transfer_dialogs.py" line="-46"/>
        <source>Sessions</source>
        <translation>Buổi phát động, tuyên truyền</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commendations (decisions and recipients)</source>
        <translation>Khen thưởng (quyết định và danh sách)</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../../movement_desk/gui/widgets.py" line="-154"/>
        <source>until {date}</source>
        <translation>đến {date}</translation>
    </message>
</context>
</TS>
