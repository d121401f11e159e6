<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ParcelWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="56" />
        <source>拼音首字母或地名，回车查找（如 bjhd）</source>
        <translation>Pinyin initials or place name, Enter to search (e.g. bjhd)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="64" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="65" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="66" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="68" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="82" />
        <source>没有找到该地区</source>
        <translation>No such region</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="109" />
        <source>克，或 F9 读秤</source>
        <translation>grams, or F9 to read the scale</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="112" />
        <source>长 cm</source>
        <translation>length cm</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="112" />
        <source>宽 cm</source>
        <translation>width cm</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="113" />
        <source>高 cm</source>
        <translation>height cm</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="117" />
        <source>国际件填国家代码，如 US</source>
        <translation>Country code for international parcels, e.g. US</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="119" />
        <source>寄件人</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="120" />
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="129" />
        <source>银行卡终端参考号（勿输卡号）</source>
        <translation>Card terminal reference (never the card number)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="132" />
        <source>运单号，回车在线查询</source>
        <translation>Tracking number, Enter to look it up online</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="138" />
        <source>读秤</source>
        <translation>Read scale</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="140" />
        <source>计算资费</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="141" />
        <source>收寄收款</source>
        <translation>Accept and take payment</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="143" />
        <source>新包裹</source>
        <translation>New parcel</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="145" />
        <source>包裹</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="148" />
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="149" />
        <source>内件</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="150" />
        <source>重量</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="158" />
        <source>尺寸</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="159" />
        <source>保价</source>
        <translation>Insured value</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="160" />
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="161" />
        <source>国家</source>
        <translation>Country</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="172" />
        <source>查询</source>
        <translation>Track</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="175" />
        <source>应收资费</source>
        <translation>Postage due</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="177" />
        <source>现金实收</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="178" />
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="184" />
        <source>回车：查找地区 / 计算资费；F9：读秤；F8：计算资费；F12：收寄收款；Ctrl+N：新包裹；Ctrl+P：重打小票</source>
        <translation>Enter: find region / price; F9: read scale; F8: price; F12: accept and take payment; Ctrl+N: new parcel; Ctrl+P: reprint receipt</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="209" />
        <source>（禁寄）</source>
        <translation> (prohibited)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="291" />
        <source>收寄成功：运单号 %1，资费 %2，找零 %3</source>
        <translation>Parcel accepted: tracking number %1, postage %2, change %3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="294" />
        <source>（离线收寄：联网后上传平台）</source>
        <translation> (taken offline: sent to the platform when back online)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="307" />
        <source>面单打印失败：%1（包裹已收寄）</source>
        <translation>Label not printed: %1 (the parcel is accepted)</translation>
    </message>
</context>
</TS>
